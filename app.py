"""Referat — the Streamlit app: `streamlit run app.py` (or `referat app`).

Each page is a thin layout in app_pages/ over the tested library in nlp/.
"""

import streamlit as st

st.set_page_config(page_title="Referat", page_icon=":material/article:", layout="wide")

pages = [
    st.Page("app_pages/overview.py", title="Overblik og sammenligning", icon=":material/bar_chart:",
            url_path="overblik", default=True),
    st.Page("app_pages/search.py", title="Søg", icon=":material/search:", url_path="soeg"),
    st.Page("app_pages/item.py", title="Punkt", icon=":material/description:", url_path="punkt"),
    st.Page("app_pages/upload.py", title="Upload", icon=":material/upload_file:", url_path="upload"),
    st.Page("app_pages/annotate.py", title="Annotér", icon=":material/label:", url_path="annoter"),
    st.Page("app_pages/models.py", title="Modeller", icon=":material/science:", url_path="modeller"),
]
st.navigation(pages).run()
